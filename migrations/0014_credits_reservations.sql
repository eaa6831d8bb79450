CREATE TABLE `credit_reservations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`user_id` text,
	`run_id` text,
	`credits` integer NOT NULL,
	`settled` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `credit_reservations_open` ON `credit_reservations` (`tenant_id`,`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `credit_reservations_run` ON `credit_reservations` (`tenant_id`,`run_id`);--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `credits_used` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `usage_records` ADD `reservation_id` text;--> statement-breakpoint
-- The period's credits as a counter, so reading a balance needs no sum (docs/plans.md, "Credits").
UPDATE `subscriptions` SET `credits_used` = (
  SELECT coalesce(sum(u.`credits`), 0) FROM `usage_records` u
  WHERE u.`tenant_id` = `subscriptions`.`tenant_id`
    AND u.`created_at` >= `subscriptions`.`current_period_start`
    AND u.`created_at` < `subscriptions`.`current_period_end`
);
--> statement-breakpoint
-- Every ledger insert (an idempotent insert that found its key already there inserts nothing, so
-- fires nothing) counts its credits in its subscription's period and against its reservation.
CREATE TRIGGER `usage_records_count` AFTER INSERT ON `usage_records` BEGIN
  UPDATE `subscriptions` SET `credits_used` = `credits_used` + new.`credits`
  WHERE `tenant_id` = new.`tenant_id`
    AND new.`created_at` >= `current_period_start` AND new.`created_at` < `current_period_end`;
  UPDATE `credit_reservations` SET `settled` = `settled` + new.`credits`
  WHERE `id` = new.`reservation_id` AND `tenant_id` = new.`tenant_id`;
END;
