-- 报名截止 (RULES §5): an activity may close sign-ups and its waitlist some time before its
-- start (1 minute to 14 days); without it, sign-ups run until the end and the waitlist
-- until the start, as before.
ALTER TABLE activities
  ADD COLUMN sign_up_closes_minutes_before INTEGER
    CHECK (sign_up_closes_minutes_before BETWEEN 1 AND 20160);
