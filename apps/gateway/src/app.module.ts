import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { QueueDashboard } from './admin/queue-dashboard.js';
import { AssignmentsHttpController } from './assignments/assignments.http.controller.js';
import { AuthHttpController } from './auth/auth.http.controller.js';
import { CalendarHttpController } from './calendar/calendar.http.controller.js';
import { DeadlinesHttpController } from './deadlines/deadlines.http.controller.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway-config.js';
import { HealthHttpController } from './health/health.http.controller.js';
import { ReadinessCheck } from './health/readiness.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { NotificationsHttpController } from './notifications/notifications.http.controller.js';
import { PlanImportHttpController } from './plan-import/plan-import.http.controller.js';
import { PlansHttpController } from './plans/plans.http.controller.js';
import { ProgressHttpController } from './reporting/progress.http.controller.js';
import { RatingsHttpController } from './reporting/ratings.http.controller.js';
import { ReportsHttpController } from './reporting/reports.http.controller.js';
import { createNatsClient, NATS_CLIENT, RpcClient } from './rpc/rpc.client.js';
import { UnitsHttpController } from './units/units.http.controller.js';
import { UsersHttpController } from './users/users.http.controller.js';
import { createValidationPipe } from './validation/validation.js';

/**
 * The HTTP edge: owns nothing persistent. Validates, authenticates (global JWT guard), and forwards
 * every request over NATS request-reply to the service that owns the data.
 */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        JwtModule.register({
          secret: config.JWT_SECRET,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [
        AuthHttpController,
        UsersHttpController,
        UnitsHttpController,
        PlansHttpController,
        PlanImportHttpController,
        AssignmentsHttpController,
        NotificationsHttpController,
        ReportsHttpController,
        ProgressHttpController,
        RatingsHttpController,
        DeadlinesHttpController,
        CalendarHttpController,
        HealthHttpController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: NATS_CLIENT, useFactory: () => createNatsClient(config) },
        RpcClient,
        ReadinessCheck,
        QueueDashboard,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }
}
