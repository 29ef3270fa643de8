import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  RpcPatterns,
  type GetUnitRequest,
  type ResolveUnitsRequest,
  type ResolveUnitsResult,
  type SearchUnitsRequest,
  type UnitPage,
  type UnitRecord,
} from '#contracts';
import { UnitsSearchService } from './units-search.service.js';

@Controller()
export class UnitsSearchRpcController {
  constructor(private readonly units: UnitsSearchService) {}

  @MessagePattern(RpcPatterns.directory.searchUnits)
  search(@Payload() request: SearchUnitsRequest): Promise<UnitPage> {
    return this.units.search(request);
  }

  @MessagePattern(RpcPatterns.directory.getUnit)
  get(@Payload() request: GetUnitRequest): Promise<UnitRecord & { depth: number }> {
    return this.units.get(request);
  }

  @MessagePattern(RpcPatterns.directory.resolveUnits)
  resolve(@Payload() request: ResolveUnitsRequest): Promise<ResolveUnitsResult> {
    return this.units.resolve(request);
  }
}
