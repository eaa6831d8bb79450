CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email` text NOT NULL,
	`type` text NOT NULL,
	`first_name` text,
	`last_name` text,
	`full_name` text,
	`title` text,
	`seniority` text,
	`department` text,
	`company` text,
	`company_domain` text NOT NULL,
	`email_source` text NOT NULL,
	`pattern` text,
	`confidence` integer,
	`verify_status` text NOT NULL,
	`verify_reason` text NOT NULL,
	`verified_at` text,
	`icp_score` integer NOT NULL,
	`source_url` text,
	`sources` text NOT NULL,
	`alternatives` text NOT NULL,
	`last_run_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leads_tenant_email` ON `leads` (`tenant_id`,`email`);--> statement-breakpoint
CREATE INDEX `leads_tenant_domain` ON `leads` (`tenant_id`,`company_domain`);--> statement-breakpoint
CREATE TABLE `run_domains` (
	`run_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`domain` text NOT NULL,
	`position` integer NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`stage` text,
	`pages_crawled` integer DEFAULT 0 NOT NULL,
	`emails_found` integer DEFAULT 0 NOT NULL,
	`emails_verified` integer DEFAULT 0 NOT NULL,
	`leads_found` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`dispatched_at` text,
	`started_at` text,
	`updated_at` text,
	`finished_at` text,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `run_domains_run_domain` ON `run_domains` (`run_id`,`domain`);--> statement-breakpoint
CREATE INDEX `run_domains_run_position` ON `run_domains` (`run_id`,`position`);--> statement-breakpoint
CREATE TABLE `run_leads` (
	`run_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`domain` text NOT NULL,
	`seq` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `run_leads_run_lead` ON `run_leads` (`run_id`,`lead_id`);--> statement-breakpoint
CREATE INDEX `run_leads_run_seq` ON `run_leads` (`run_id`,`seq`);--> statement-breakpoint
CREATE TABLE `run_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`level` text NOT NULL,
	`domain` text,
	`message` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `run_logs_run` ON `run_logs` (`run_id`,`id`);--> statement-breakpoint
CREATE TABLE `runs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`user_id` text,
	`label` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`options` text NOT NULL,
	`domains_total` integer NOT NULL,
	`domains_completed` integer DEFAULT 0 NOT NULL,
	`domains_failed` integer DEFAULT 0 NOT NULL,
	`emails_found` integer DEFAULT 0 NOT NULL,
	`emails_verified` integer DEFAULT 0 NOT NULL,
	`leads_count` integer DEFAULT 0 NOT NULL,
	`error` text,
	`idempotency_key` text,
	`request_hash` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text,
	`started_at` text,
	`finished_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `runs_tenant_created` ON `runs` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `runs_tenant_idempotency` ON `runs` (`tenant_id`,`idempotency_key`);