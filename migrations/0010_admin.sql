CREATE INDEX `email_verifications_checked` ON `email_verifications` (`checked_at`,`status`);--> statement-breakpoint
CREATE INDEX `run_domains_status_dispatched` ON `run_domains` (`status`,`dispatched_at`);--> statement-breakpoint
CREATE INDEX `run_domains_finished` ON `run_domains` (`finished_at`,`status`,`leads_found`);--> statement-breakpoint
CREATE INDEX `runs_created_status` ON `runs` (`created_at`,`status`);