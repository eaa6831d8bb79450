/**
 * Each door's way of paging a list, over one engine window (`offset`,
 * `limit`): door 001 `page`/`limit` answered with `pagination {page, limit,
 * total, pages}`; door 003 `limit`/`offset` answered with `total`, `limit`,
 * `offset`; door 004 (FastAPI) `skip`/`limit`. Defaults are the seeds'
 * (001: page 1 of 20; 003: 50; 004: 100, or what a route's seed section
 * says). Out-of-range values are refused (400/422 in the door's dialect),
 * never clamped silently.
 */
import { z } from "@hono/zod-openapi";
import { queryInteger } from "./router.ts";

/** What the engine reads: skip `offset` rows, return at most `limit`. */
export interface ListWindow {
  offset: number;
  limit: number;
}

/** The most rows one page of any door may ask for. */
export const MAX_PAGE_SIZE = 500;
/** The furthest any door may page (offsets beyond are a scan no client needs; use filters). */
export const MAX_OFFSET = 1_000_000;

const describe = (text: string) => ({ description: text });

/** Door 001: `?page=1&limit=20`. */
export function pageQuery001(defaultLimit = 20) {
  return z.object({
    page: queryInteger(1, MAX_OFFSET).default(1).openapi(describe("Page number, from 1")),
    limit: queryInteger(1, MAX_PAGE_SIZE)
      .default(defaultLimit)
      .openapi(describe(`Items per page (default ${defaultLimit})`)),
  });
}

export function window001(query: { page: number; limit: number }): ListWindow {
  return { offset: Math.min((query.page - 1) * query.limit, MAX_OFFSET), limit: query.limit };
}

/** Door 001's `pagination` object for a page of `total` rows. */
export function pagination001(query: { page: number; limit: number }, total: number) {
  return { page: query.page, limit: query.limit, total, pages: Math.ceil(total / query.limit) };
}

export const Pagination001Schema = z
  .object({
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    pages: z.number().int(),
  })
  .openapi("Pagination001");

/** Door 003: `?limit=50&offset=0`. */
export function limitOffsetQuery003(defaultLimit = 50) {
  return z.object({
    limit: queryInteger(1, MAX_PAGE_SIZE)
      .default(defaultLimit)
      .openapi(describe(`Results per page (default ${defaultLimit})`)),
    offset: queryInteger(0, MAX_OFFSET).default(0).openapi(describe("Rows to skip")),
  });
}

export const window003 = (query: ListWindow): ListWindow => ({ offset: query.offset, limit: query.limit });

/** Door 003's paging fields beside the list: `total`, `limit`, `offset`. */
export const page003 = (query: ListWindow, total: number) => ({
  total,
  limit: query.limit,
  offset: query.offset,
});

/** Door 004: `?skip=0&limit=100`. */
export function skipLimitQuery004(defaultLimit = 100) {
  return z.object({
    skip: queryInteger(0, MAX_OFFSET).default(0).openapi(describe("Number of records to skip")),
    limit: queryInteger(1, MAX_PAGE_SIZE)
      .default(defaultLimit)
      .openapi(describe(`Maximum number of records to return (default ${defaultLimit})`)),
  });
}

export const window004 = (query: { skip: number; limit: number }): ListWindow => ({
  offset: query.skip,
  limit: query.limit,
});
