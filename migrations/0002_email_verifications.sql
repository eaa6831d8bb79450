CREATE TABLE `email_verifications` (
	`email` text PRIMARY KEY NOT NULL,
	`domain` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`mx` text,
	`catch_all` integer,
	`provider` text,
	`smtp_code` integer,
	`smtp_message` text,
	`retry_after_s` integer,
	`checked_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `email_verifications_domain` ON `email_verifications` (`domain`,`checked_at`);