/**
 * The sidecar's answer to GET /ip-rotation/status (seed 003): its outbound
 * addresses and their health. Read by the IP rotation API (which forwards
 * it) and by the admin console's metrics.
 */
import { z } from "@hono/zod-openapi";

const PoolSchema = z
  .object({
    id: z.string().openapi({ example: "pool_1" }),
    address: z.string().openapi({ example: "192.0.2.10" }),
    kind: z.enum(["local", "socks5"]),
    healthy: z.boolean(),
    success_rate: z.number().nullable(),
    median_latency_ms: z.number().nullable(),
    requests: z.number().int(),
    blocklist_replies: z.number().int(),
    last_used: z.string().nullable(),
  })
  .passthrough()
  .openapi("OutboundAddress");

export const RotationStatusSchema = z
  .object({
    current_pool: z.string().nullable(),
    current_ip: z.string().nullable(),
    rotation_enabled: z.boolean(),
    last_rotation: z.string().nullable(),
    health_metrics: z.object({
      success_rate: z.number().nullable(),
      response_time_ms: z.number().nullable(),
      total_requests: z.number().int(),
    }),
    pools: z.array(PoolSchema),
  })
  .passthrough()
  .openapi("IpRotationStatus");
