ALTER TABLE `api_keys` ADD `kind` text DEFAULT 'user' NOT NULL;--> statement-breakpoint
CREATE INDEX `api_keys_created_by_idx` ON `api_keys` (`created_by`);--> statement-breakpoint
-- A user's own keys die with the user's rights: kept in triggers so that every path that disables or deletes a user (the admin API, a console statement) revokes them. Service keys are the tenant's and stay.
UPDATE `api_keys` SET `revoked_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE `revoked_at` IS NULL AND `kind` = 'user'
    AND (`created_by` IS NULL OR `created_by` IN (SELECT `id` FROM `users` WHERE `status` = 'disabled'));--> statement-breakpoint
CREATE TRIGGER `api_keys_revoke_on_user_disabled` AFTER UPDATE OF `status` ON `users`
  WHEN NEW.`status` = 'disabled' AND OLD.`status` <> 'disabled' BEGIN
  UPDATE `api_keys` SET `revoked_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE `created_by` = NEW.`id` AND `kind` = 'user' AND `revoked_at` IS NULL;
END;--> statement-breakpoint
CREATE TRIGGER `api_keys_revoke_on_user_deleted` BEFORE DELETE ON `users` BEGIN
  UPDATE `api_keys` SET `revoked_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE `created_by` = OLD.`id` AND `kind` = 'user' AND `revoked_at` IS NULL;
END;
