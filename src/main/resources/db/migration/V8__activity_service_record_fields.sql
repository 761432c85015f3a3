-- A service record names the place and the activity lead (志愿服务记录与证明出具办法).
ALTER TABLE activities ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN lead_name TEXT NOT NULL DEFAULT '';
