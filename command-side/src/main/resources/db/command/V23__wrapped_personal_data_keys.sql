-- Each person's key is stored wrapped under the platform's key, PERSONAL_DATA_KEY (ADR 0036): the id of the platform
-- key it was wrapped under. NULL for a key stored before keys were wrapped, which is read as it is
ALTER TABLE personal_data_keys ADD COLUMN wrapped_by VARCHAR(16);
