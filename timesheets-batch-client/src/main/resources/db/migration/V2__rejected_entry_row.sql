-- The line of a rejected entry as it is written back to failed/ for correction, kept with the rejection: the entries of
-- a file are no longer held in memory until its report is written. NULL for rejections recorded before this column.
ALTER TABLE rejected_entry ADD COLUMN row_text VARCHAR(20000);
