-- Reminders are kept 30 days after their moment (reminder/ReminderRetention): by index,
-- so that the hourly job does not read the whole table.
CREATE INDEX reminders_moment_idx ON reminders (moment_at);
