CREATE TABLE `companies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`domain` text NOT NULL,
	`name` text,
	`description` text,
	`industry` text,
	`size` text,
	`country` text,
	`city` text,
	`social` text DEFAULT '[]' NOT NULL,
	`technologies` text DEFAULT '[]' NOT NULL,
	`mx_provider` text,
	`m365_tenant` text,
	`spf` text,
	`dmarc` text,
	`accepts_mail` integer,
	`https` integer,
	`hsts` integer,
	`security_headers` text DEFAULT '[]' NOT NULL,
	`domain_created_at` text,
	`first_capture_at` text,
	`enriched_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `companies_domain` ON `companies` (`domain`);--> statement-breakpoint
CREATE TABLE `icp_profiles` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`profile` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `suppressions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`value_hash` text NOT NULL,
	`reason` text,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suppressions_tenant_value` ON `suppressions` (`tenant_id`,`kind`,`value_hash`);--> statement-breakpoint
ALTER TABLE `leads` ADD `source` text DEFAULT 'crawl' NOT NULL;--> statement-breakpoint
ALTER TABLE `leads` ADD `company_id` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `industry` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `size` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `country` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `technologies` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `leads` ADD `icp_reasons` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `leads` ADD `data_gaps` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `leads` ADD `refreshed_at` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `deleted_at` text;--> statement-breakpoint
CREATE INDEX `leads_tenant_icp` ON `leads` (`tenant_id`,`icp_score`,`id`);--> statement-breakpoint
CREATE INDEX `leads_tenant_verified` ON `leads` (`tenant_id`,`verified_at`,`id`);--> statement-breakpoint
CREATE INDEX `leads_tenant_refreshed` ON `leads` (`tenant_id`,`refreshed_at`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `retention_days` integer;