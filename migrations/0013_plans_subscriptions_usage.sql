CREATE TABLE `plans` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`price_cents` integer NOT NULL,
	`currency` text DEFAULT 'usd' NOT NULL,
	`credits_per_period` integer NOT NULL,
	`features` text NOT NULL,
	`limits` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`updated_at` text,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`status` text NOT NULL,
	`current_period_start` text NOT NULL,
	`current_period_end` text NOT NULL,
	`pending_plan_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pending_plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `usage_records` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`user_id` text,
	`resource_type` text NOT NULL,
	`resource_id` text,
	`amount` integer NOT NULL,
	`unit` text NOT NULL,
	`credits` integer NOT NULL,
	`description` text,
	`run_id` text,
	`item_id` text,
	`idempotency_key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_records_idempotency` ON `usage_records` (`tenant_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `usage_records_tenant_time` ON `usage_records` (`tenant_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `subdomain` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `config` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `limits` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `billing_email` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `is_verified` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `updated_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_subdomain_unique` ON `tenants` (`subdomain`);--> statement-breakpoint
-- The plan catalogue (documented in docs/plans.md); a platform admin changes these numbers without a deploy.
INSERT INTO `plans` (`id`, `name`, `price_cents`, `currency`, `credits_per_period`, `features`, `limits`, `sort_order`) VALUES
('free', 'Free', 0, 'usd', 100, '[{"id":"basic_osint_sources","label":"Basic OSINT data sources"},{"id":"csv_export","label":"CSV export"}]', '{"requests_per_minute":10,"requests_per_hour":1000,"burst_per_minute":100,"batch_size":25,"concurrent_batches":1,"live_connections":10}', 0),
('starter', 'Starter', 4900, 'usd', 1000, '[{"id":"core_osint_sources","label":"Core OSINT data sources"},{"id":"csv_xlsx_export","label":"CSV and Excel export"},{"id":"email_verification","label":"Email verification"}]', '{"requests_per_minute":30,"requests_per_hour":1000,"burst_per_minute":100,"batch_size":100,"concurrent_batches":2,"live_connections":10}', 1),
('professional', 'Professional', 14900, 'usd', 5000, '[{"id":"all_osint_sources","label":"All OSINT data sources"},{"id":"api_access","label":"API access"},{"id":"custom_scoring","label":"Custom scoring models"}]', '{"requests_per_minute":60,"requests_per_hour":1000,"burst_per_minute":100,"batch_size":500,"concurrent_batches":5,"live_connections":10}', 2),
('enterprise', 'Enterprise', 49900, 'usd', 25000, '[{"id":"all_osint_sources","label":"All OSINT data sources"},{"id":"api_access","label":"API access"},{"id":"custom_scoring","label":"Custom scoring models"},{"id":"crm_sync","label":"CRM sync"},{"id":"priority_support","label":"Priority support"},{"id":"sso","label":"Single sign-on"}]', '{"requests_per_minute":300,"requests_per_hour":10000,"burst_per_minute":300,"batch_size":5000,"concurrent_batches":20,"live_connections":10}', 3);
