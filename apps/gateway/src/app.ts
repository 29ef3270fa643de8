import { Logger, NotFoundException, RequestMethod, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { QueueDashboard } from './admin/queue-dashboard.js';
import { GatewayModule } from './app.module.js';
import type { GatewayConfig } from './gateway-config.js';
import { toErrorResponse } from './http/http-error.filter.js';
import type { HttpRequest, HttpResponse } from './http/http-types.js';
import { requestIdMiddleware } from './http/request-id.js';

/** A units import of a whole province (3,355 rows ≈ 300 KB) fits many times over. */
export const BODY_LIMIT = '20mb';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

export interface GatewayAppOptions {
  /** Pass false to silence Nest's logger (tests). */
  logger?: LogLevel[] | false;
}

/**
 * Builds and initialises the gateway application (not yet listening): body parsers, `/api` prefix (health probes
 * stay at the root), OpenAPI at `/api/docs` and `/api/docs-json`. Used by main.ts and by tests.
 */
export async function createGatewayApp(config: GatewayConfig, options: GatewayAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config), {
    bodyParser: false,
    logger: options.logger ?? LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL) + 1),
  });
  app.use(requestIdMiddleware);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // CSV unit imports (POST /api/units/import with Content-Type: text/csv) arrive as a string.
  app.useBodyParser('text', { type: ['text/csv'], limit: BODY_LIMIT });
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Triển khai API')
      .setDescription('Kế hoạch, nhiệm vụ và việc triển khai xuống các đơn vị. Lỗi luôn có dạng {code, message, fields?}.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addTag('auth')
      .addTag('users')
      .addTag('units')
      .addTag('plans')
      .addTag('assignments')
      .addTag('notifications')
      .addTag('reports')
      .addTag('reporting')
      .addTag('ratings')
      .addTag('deadlines')
      .addTag('calendar')
      .addTag('health')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await app.init();
  // The queue dashboard and its login (/admin/…), admins only: plain Express routes after Nest's.
  app.get(QueueDashboard).mount(app);
  // Nest answers unknown paths under /api (through HttpErrorFilter); this catches the rest, so no
  // path ever gets Express's HTML 404 page.
  app.use((_req: HttpRequest, res: HttpResponse) => {
    const { status, body } = toErrorResponse(new NotFoundException());
    res.status(status).json(body);
  });
  return app;
}

export function logListening(port: number): void {
  new Logger('Bootstrap').log(`gateway is listening on http://0.0.0.0:${port}`);
}
