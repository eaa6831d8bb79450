ALTER TABLE `runs` ADD `cursor` text;--> statement-breakpoint
CREATE INDEX `leads_tenant_id` ON `leads` (`tenant_id`,`id`);