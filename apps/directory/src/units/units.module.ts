import { Module } from '@nestjs/common';
import { UnitsImportRpcController } from './import/units-import.rpc.controller.js';
import { UnitsImportService } from './import/units-import.service.js';
import { UnitsSearchRpcController } from './search/units-search.rpc.controller.js';
import { UnitsSearchService } from './search/units-search.service.js';

/** The unit tree: import (write side) and search/get/resolve (read side). */
@Module({
  controllers: [UnitsImportRpcController, UnitsSearchRpcController],
  providers: [UnitsImportService, UnitsSearchService],
  exports: [UnitsImportService],
})
export class UnitsModule {}
