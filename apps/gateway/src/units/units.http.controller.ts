import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  RpcPatterns,
  type Actor,
  type GetUnitRequest,
  type ImportUnitsRequest,
  type ImportUnitsResult,
  type SearchUnitsRequest,
  type UnitPage,
  type UnitRecord,
} from '#contracts';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBody } from '../http/error-body.js';
import { RpcClient } from '../rpc/rpc.client.js';
import { ImportUnitsDto } from './dto/import-units.dto.js';
import { SearchUnitsQueryDto } from './dto/search-units.query.dto.js';
import { UnitImportBodyPipe } from './unit-import.pipe.js';

@ApiTags('units')
@ApiBearerAuth()
@ApiExtraModels(ImportUnitsDto)
@Controller('units')
export class UnitsHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Nhập (tạo/cập nhật) cây đơn vị từ JSON hoặc CSV' })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(ImportUnitsDto) },
        { type: 'string', description: 'CSV có dòng tiêu đề code,name,parentCode,kind; parentCode rỗng là đơn vị gốc' },
      ],
    },
  })
  @ApiOkResponse({ description: 'ImportUnitsResult: created, updated, unchanged, total, directoryVersion' })
  @ApiBadRequestResponse({ type: ErrorBody })
  // The union type keeps the global pipe off this body: UnitImportBodyPipe parses CSV, then validates.
  importUnits(@CurrentActor() actor: Actor, @Body(UnitImportBodyPipe) body: ImportUnitsDto | string): Promise<ImportUnitsResult> {
    const { rows } = body as ImportUnitsDto;
    const request: ImportUnitsRequest = {
      actor,
      rows: rows.map((row) => ({ code: row.code, name: row.name, parentCode: row.parentCode || null, kind: row.kind })),
    };
    return this.rpc.send<ImportUnitsResult>(RpcPatterns.directory.importUnits, request);
  }

  @Get()
  @ApiOperation({ summary: 'Tìm đơn vị trong phạm vi của người dùng' })
  @ApiOkResponse({ description: 'UnitPage: items (UnitRecord & depth), total, page, pageSize' })
  @ApiBadRequestResponse({ type: ErrorBody })
  search(@CurrentActor() actor: Actor, @Query() query: SearchUnitsQueryDto): Promise<UnitPage> {
    const request: SearchUnitsRequest = { actor, ...query };
    return this.rpc.send<UnitPage>(RpcPatterns.directory.searchUnits, request);
  }

  @Get(':code')
  @ApiOperation({ summary: 'Xem một đơn vị theo mã' })
  @ApiOkResponse({ description: 'UnitRecord' })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<UnitRecord> {
    const request: GetUnitRequest = { actor, code };
    return this.rpc.send<UnitRecord>(RpcPatterns.directory.getUnit, request);
  }
}
