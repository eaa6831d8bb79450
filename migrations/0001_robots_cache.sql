CREATE TABLE `robots_cache` (
	`domain` text PRIMARY KEY NOT NULL,
	`fetched_at` text NOT NULL,
	`mode` text NOT NULL,
	`http_status` integer,
	`body` text,
	`reason` text
);
