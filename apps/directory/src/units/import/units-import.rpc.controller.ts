import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcPatterns, type ImportUnitsRequest, type ImportUnitsResult } from '#contracts';
import { UnitsImportService } from './units-import.service.js';

@Controller()
export class UnitsImportRpcController {
  constructor(private readonly imports: UnitsImportService) {}

  @MessagePattern(RpcPatterns.directory.importUnits)
  importUnits(@Payload() request: ImportUnitsRequest): Promise<ImportUnitsResult> {
    return this.imports.importUnits(request);
  }
}
