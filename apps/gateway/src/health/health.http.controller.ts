import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import type { HttpResponse } from '../http/http-types.js';
import { ReadinessCheck, type Readiness } from './readiness.js';

/** Probes for the orchestrator; outside the `/api` prefix and without authentication. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthHttpController {
  constructor(private readonly readiness: ReadinessCheck) {}

  @Get('live')
  @ApiOperation({ summary: 'Tiến trình gateway đang chạy' })
  @ApiOkResponse({ description: '{status: "ok"}' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Mọi dịch vụ và hạ tầng (Postgres, Redis, NATS) đều sẵn sàng' })
  @ApiOkResponse({ description: '{status: "ready", gateway, services[]}' })
  @ApiServiceUnavailableResponse({ description: '{status: "not_ready", gateway, services[]} với chi tiết từng dịch vụ' })
  async ready(@Res({ passthrough: true }) res: HttpResponse): Promise<Readiness> {
    const readiness = await this.readiness.check();
    res.status(readiness.status === 'ready' ? 200 : 503);
    return readiness;
  }
}
