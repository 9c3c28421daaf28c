/**
 * What Fastify, its plugins and the JSON body parser say about a bad request, in Chinese. Every 4xx a person
 * can cause leaves here with a message that says what to fix; none of Fastify's English reaches the client.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors';

/** The largest file anyone may upload (evidence, templates); routes may set lower limits. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** How deeply a JSON body may nest objects and arrays (a framework document needs about 8). */
export const MAX_JSON_DEPTH = 32;

/** The Chinese message for a 4xx whose cause we do not know more precisely. */
const BY_STATUS: Record<number, [string, string]> = {
  400: ['bad_request', '请求格式有误，请检查后重试'],
  401: ['unauthorized', '请先登录'],
  403: ['forbidden', '没有权限执行此操作'],
  404: ['not_found', '找不到请求的地址'],
  405: ['method_not_allowed', '不支持该请求方法'],
  406: ['not_acceptable', '无法按请求的格式返回内容'],
  408: ['timeout', '请求超时，请重试'],
  411: ['length_required', '请求缺少 Content-Length'],
  413: ['too_large', '请求内容过大'],
  414: ['uri_too_long', '请求地址过长，请检查地址中的参数'],
  415: ['unsupported_media_type', '不支持的请求内容类型，请以 application/json 提交'],
  422: ['invalid_input', '请求内容无法处理，请检查后重试'],
  429: ['too_many_requests', '请求过于频繁，请稍后再试'],
  431: ['header_too_large', '请求头过大'],
};

const BROKEN_MULTIPART = /^(Multipart: Boundary not found|Boundary required|Unexpected end of (multipart data|form)|Malformed part header|Unsupported content type|.* terminated early due to unexpected end of multipart data)/i;

/** An upload body that is not whole multipart/form-data (no boundary, cut off inside a part …): a 400 saying to upload again. */
export const brokenMultipart = (): AppError => new AppError(400, 'bad_multipart', '上传内容不是完整的 multipart/form-data，请重新选择文件上传');

/** Fastify's own errors (and its plugins'), in Chinese; null for an error that is not the client's doing. */
export function frameworkError(err: { code?: string; statusCode?: number; message: string }, limit: number): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'too_large', `请求体过大，上限为${Math.round(limit / 1024)} KB`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported_media_type', '不支持的请求内容类型，请以 application/json 提交');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(400, 'bad_request', '请求体长度与 Content-Length 不符，请重新提交');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'invalid_json', '请求体为空，请提交 JSON 内容');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(400, 'invalid_json', '请求体不是合法的 JSON，请检查格式');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_INVALID_URL':
      return new AppError(400, 'bad_url', '请求地址含有无效的字符或编码，请检查地址');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError(414, 'uri_too_long', '请求地址中的参数过长，请检查地址');
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return new AppError(400, 'bad_request', '请求无法匹配任何接口，请检查请求头');
    case 'FST_ERR_ROUTE_MISSING_CONTENT_TYPE':
      return new AppError(415, 'unsupported_media_type', '请求缺少 Content-Type，请以 application/json 提交');
    case 'FST_ERR_ROUTE_MISSING_CONTENT':
      return new AppError(400, 'bad_request', '请求缺少请求体');
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError(413, 'too_large', `文件过大，上限为${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    case 'FST_FILES_LIMIT':
      return new AppError(400, 'too_many_files', '一次只能上传一个文件');
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError(413, 'too_large', '上传表单的字段过多');
    case 'FST_PROTO_VIOLATION':
      return new AppError(400, 'bad_request', '上传表单含有不允许的字段名');
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new AppError(400, 'bad_request', '上传表单中的 JSON 字段格式有误');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传文件');
  }
  // the multipart parser (busboy) throws plain Errors on a broken upload body
  if (BROKEN_MULTIPART.test(err.message ?? '')) return brokenMultipart();
  if (err instanceof SyntaxError) return new AppError(400, 'invalid_json', '请求体不是合法的 JSON，请检查格式');
  const status = err.statusCode;
  if (status && status >= 400 && status < 500) {
    const [code, message] = BY_STATUS[status] ?? BY_STATUS[400];
    return new AppError(status, code, message);
  }
  return null;
}

/** Errors Fastify raises before any route runs (a bad URL, a parameter over maxParamLength). */
export function onFrameworkError(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const known = frameworkError(error, 0) ?? new AppError(400, 'bad_request', BY_STATUS[400][1]);
  void reply.code(known.status).send({ error: known.code, message: known.message });
}

/**
 * A request Node's HTTP parser refuses before Fastify sees it (a raw, unencoded 中文 in the address from a script or a
 * proxy, a header over Node's limit, a request that never finished): answered on the socket in Chinese, as JSON, as
 * Fastify's default handler does in English. A connection already gone gets nothing.
 */
export function onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, ...BY_STATUS[408]]
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'header_too_large', '请求头过大（Cookie 或地址过长），请清除本站的 Cookie 后重试']
        : [400, 'bad_request', '请求地址或请求头含有无法识别的字符（如未经编码的中文），请从页面重新操作，或将地址中的中文按 UTF-8编码'];
  const body = JSON.stringify({ error: code, message });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

/**
 * How deeply `text` nests `{` and `[` outside strings, stopping as soon as it passes `max` (so a
 * 50,000-deep body costs one short scan and never reaches JSON.parse or the scoring engine).
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

/** JSON bodies: nesting bounded, prototype keys refused, every parse error a 400 in Chinese. */
export function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(new AppError(400, 'invalid_json', '请求体为空，请提交 JSON 内容'), undefined);
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      return done(new AppError(400, 'too_deep', `请求内容嵌套层数过多（最多${MAX_JSON_DEPTH}层）`), undefined);
    }
    let value: unknown;
    try {
      value = JSON.parse(text, (key, v: unknown) => {
        if (key === '__proto__' || (key === 'constructor' && v !== null && typeof v === 'object' && 'prototype' in v)) {
          throw new AppError(400, 'bad_request', `请求内容含有不允许的字段名「${key}」`);
        }
        return v;
      });
    } catch (e) {
      return done(e instanceof AppError ? e : new AppError(400, 'invalid_json', '请求体不是合法的 JSON，请检查格式'), undefined);
    }
    done(null, value);
  });
}
