import type { IncomingMessage } from 'node:http';
import {
  BadRequestException,
  Controller,
  HttpCode,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { RpcPatterns, type Actor, type ImportPlanRequest, type ImportPlanResult } from '#contracts';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBody } from '../http/error-body.js';
import type { HttpRequest } from '../http/http-types.js';
import { RpcClient } from '../rpc/rpc.client.js';
import { PlanImportQueryDto } from './plan-import.query.dto.js';

/**
 * Request and reply travel over NATS (1 MB per message). A plan is tens of kilobytes of text; the
 * answer repeats the text's content (tasks, descriptions), so text is capped lower than a .docx,
 * whose size is mostly its package and pictures.
 */
export const MAX_TEXT_BYTES = 256 * 1024;
export const MAX_DOCX_BYTES = 512 * 1024;

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const UNSUPPORTED = {
  code: 'PLAN_IMPORT.UNSUPPORTED',
  message: 'Chỉ nhận văn bản thuần (Content-Type: text/plain) hoặc tệp Word .docx gửi trong trường "file" (multipart/form-data)',
};
const EMPTY = { code: 'PLAN_IMPORT.EMPTY', message: 'Văn bản gửi lên trống' };

/** The part of multer's file the controller reads (the project does not install @types/multer). */
interface UploadedDocument {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

function contentType(req: HttpRequest): string {
  const value = req.headers['content-type'];
  return (Array.isArray(value) ? value[0] : (value ?? '')).split(';')[0].trim().toLowerCase();
}

const tooLarge = () => new PayloadTooLargeException({ code: 'REQUEST.TOO_LARGE', message: `Văn bản quá lớn (tối đa ${MAX_TEXT_BYTES / 1024} KB)` });

/** A text body no body parser has read (only JSON and CSV have one): read here, with a limit. */
function readText(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is drained, not kept, so the answer can still be sent.
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) reject(tooLarge());
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlanImportHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('import')
  @HttpCode(201)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_DOCX_BYTES, files: 1 } }))
  @ApiOperation({
    summary: 'Nhập kế hoạch từ văn bản: tạo dự thảo (không ban hành) và trả về những gì đọc được, kèm cảnh báo',
    description:
      'Gửi văn bản thuần (text/plain, UTF-8, tối đa 256 KB) hoặc tệp .docx trong trường "file" (multipart/form-data, tối đa 512 KB). ' +
      'Các cơ quan nêu trong văn bản được đối chiếu với cây đơn vị của người dùng; cụm từ chỉ nhóm thành bộ chọn, ' +
      'tên không khớp được giữ lại và cảnh báo. Khi chưa tạo được dự thảo (ví dụ văn bản chưa có số, ký hiệu) thì ' +
      'plan là null và lý do nằm trong warnings; có thể nhập lại kèm ?symbol=…',
  })
  @ApiConsumes('text/plain', 'multipart/form-data')
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'string', description: 'Nội dung kế hoạch (text/plain)' },
        { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'Tệp .docx (hoặc .txt)' } } },
      ],
    },
  })
  @ApiCreatedResponse({
    description:
      'ImportPlanResult: plan (PlanView của dự thảo, hoặc null), document (ImportedPlan: số ký hiệu, ngày, căn cứ, nhiệm vụ, báo cáo, chỉ tiêu, nơi nhận, người ký), matches (cơ quan → đơn vị), warnings ({line, text, message})',
  })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'PLAN_IMPORT.EMPTY, PLAN_IMPORT.UNSUPPORTED, PLAN_IMPORT.UNREADABLE, REQUEST.INVALID' })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiPayloadTooLargeResponse({ type: ErrorBody })
  async import(
    @CurrentActor() actor: Actor,
    @Req() req: HttpRequest,
    @UploadedFile() file: UploadedDocument | undefined,
    @Query() query: PlanImportQueryDto,
  ): Promise<ImportPlanResult> {
    const request: ImportPlanRequest = { actor, ...(await this.documentOf(req, file, query)) };
    const defaults = { symbol: query.symbol, issueDate: query.issueDate, title: query.title };
    if (Object.values(defaults).some(Boolean)) request.defaults = defaults;
    if (query.referenceDate) request.referenceDate = query.referenceDate;
    return this.rpc.send<ImportPlanResult>(RpcPatterns.plans.importDocument, request);
  }

  private async documentOf(
    req: HttpRequest,
    file: UploadedDocument | undefined,
    query: PlanImportQueryDto,
  ): Promise<Pick<ImportPlanRequest, 'text' | 'docxBase64' | 'fileName'>> {
    const type = contentType(req);
    if (file) {
      if (!file.size) throw new BadRequestException(EMPTY);
      const name = file.originalname ?? '';
      const zip = file.buffer.subarray(0, 2).toString('latin1') === 'PK';
      if (/\.docx$/iu.test(name) || file.mimetype === DOCX_MIME || (zip && !/\.\w+$/u.test(name))) {
        return { docxBase64: file.buffer.toString('base64'), fileName: name };
      }
      if (/\.(txt|md)$/iu.test(name) || file.mimetype.startsWith('text/')) {
        if (file.size > MAX_TEXT_BYTES) throw tooLarge();
        const text = file.buffer.toString('utf8');
        if (!text.trim()) throw new BadRequestException(EMPTY);
        return { text, fileName: name };
      }
      throw new BadRequestException(UNSUPPORTED);
    }
    if (type === 'multipart/form-data') {
      throw new BadRequestException({ code: 'PLAN_IMPORT.NO_FILE', message: 'Thiếu tệp: gửi tệp .docx trong trường "file"' });
    }
    if (!type.startsWith('text/')) throw new BadRequestException(UNSUPPORTED);
    const text = typeof req.body === 'string' ? req.body : await readText(req as unknown as IncomingMessage, MAX_TEXT_BYTES);
    if (!text.replace(/^\uFEFF/u, '').trim()) throw new BadRequestException(EMPTY);
    return { text: text.replace(/^\uFEFF/u, ''), ...(query.fileName ? { fileName: query.fileName } : {}) };
  }
}
