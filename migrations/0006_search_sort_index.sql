DROP INDEX `leads_tenant_verified`;--> statement-breakpoint
CREATE INDEX `leads_tenant_verified_key` ON `leads` (`tenant_id`, coalesce(`verified_at`, ''), `id`);
