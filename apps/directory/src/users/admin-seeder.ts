import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DEFAULT_ROOT, DIRECTORY_CONFIG, type DirectoryConfig } from '../directory.config.js';
import { UnitsImportService } from '../units/import/units-import.service.js';
import { UsersService } from './users.service.js';

/**
 * On every start: make sure a top-level unit exists (a fresh install gets `TW`) and that the admin
 * from the environment exists in it, so the first login works without any manual step. Runs at
 * bootstrap, not in a constructor: the datasource and the event bus are ready by then.
 */
@Injectable()
export class AdminSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminSeeder.name);

  constructor(
    private readonly imports: UnitsImportService,
    private readonly users: UsersService,
    @Inject(DIRECTORY_CONFIG) private readonly config: DirectoryConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const root = await this.imports.ensureRoot({ ...DEFAULT_ROOT, parentCode: null });
    if (await this.users.seedAdmin(this.config.ADMIN_USERNAME, this.config.ADMIN_PASSWORD, root.id)) {
      this.logger.log(`created admin user ${this.config.ADMIN_USERNAME} in ${root.code}`);
    }
  }
}
