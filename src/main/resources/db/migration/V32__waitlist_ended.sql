-- 候补 ends at the activity's start (RULES §5): those still waiting then hear that no
-- place came (WAITLIST_ENDED, one per volunteer and activity: its subject is the
-- activity), by a notice only, never a text.
ALTER TABLE reminders DROP CONSTRAINT reminders_kind_check;
ALTER TABLE reminders
  ADD CONSTRAINT reminders_kind_check
    CHECK (kind IN ('CHECK_OUT', 'MIDNIGHT', 'EVE', 'HOUR_BEFORE', 'CANCELLED', 'MOVED', 'MESSAGE', 'PROMOTED',
                    'WAITLIST_ENDED'));
