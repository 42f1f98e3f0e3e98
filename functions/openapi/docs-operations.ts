/** The documentation's own routes (routes.ts), documented like every other. */
import * as z from 'zod';
import type { Operation } from './operation';

export const docsQuery = z.object({ lang: z.enum(['vi', 'en']).optional() });

export const DOCS_OPERATIONS: Operation[] = [
  {
    method: 'GET',
    path: '/api/openapi.json',
    tag: 'docs',
    summary: 'Tài liệu OpenAPI 3.1 này | This OpenAPI 3.1 document',
    answers: [{ status: 200, description: 'Tài liệu | The document', schema: z.looseObject({ openapi: z.string() }) }],
    errors: [],
  },
  {
    method: 'GET',
    path: '/api/docs',
    tag: 'docs',
    summary: 'Trang đọc tài liệu API | The readable page of this document',
    query: docsQuery,
    answers: [{ status: 200, description: 'Trang HTML | An HTML page', contentType: 'text/html', schema: z.string() }],
    errors: ['INVALID_QUERY'],
  },
  {
    method: 'GET',
    path: '/api/docs/style.css',
    tag: 'docs',
    summary: 'Kiểu trình bày của trang | The page’s stylesheet',
    answers: [{ status: 200, description: 'CSS', contentType: 'text/css', schema: z.string() }],
    errors: [],
  },
];
