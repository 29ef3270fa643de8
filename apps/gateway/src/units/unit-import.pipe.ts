import { Injectable, type PipeTransform } from '@nestjs/common';
import { createValidationPipe, invalidRequest } from '../validation/validation.js';
import { ImportUnitsDto } from './dto/import-units.dto.js';
import { parseUnitsCsv } from './units-csv.js';

/**
 * The import body arrives as JSON `{rows}` or as CSV text (the text parser hands over a string).
 * CSV is turned into the same rows first; both are then validated as ImportUnitsDto.
 */
@Injectable()
export class UnitImportBodyPipe implements PipeTransform<unknown, Promise<ImportUnitsDto>> {
  private readonly validation = createValidationPipe();

  async transform(value: unknown): Promise<ImportUnitsDto> {
    let body = value;
    if (typeof value === 'string') {
      const parsed = parseUnitsCsv(value);
      if ('errors' in parsed) throw invalidRequest(parsed.errors);
      body = { rows: parsed.rows };
    }
    return this.validation.transform(body, { type: 'body', metatype: ImportUnitsDto, data: undefined }) as Promise<ImportUnitsDto>;
  }
}
