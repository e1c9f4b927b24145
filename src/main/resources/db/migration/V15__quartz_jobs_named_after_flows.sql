-- The order import and export polls are Quartz jobs named after their flows (flows.orders-import, flows.orders-export)
-- since this release; the jobs and triggers of the old names (orders.import, orders.export) would otherwise stay in a
-- clustered store and fire with no route behind them. Nothing to do on a database that never had them.
DELETE FROM qrtz_cron_triggers WHERE trigger_group = 'orders' AND trigger_name IN ('import', 'export');
DELETE FROM qrtz_simple_triggers WHERE trigger_group = 'orders' AND trigger_name IN ('import', 'export');
DELETE FROM qrtz_simprop_triggers WHERE trigger_group = 'orders' AND trigger_name IN ('import', 'export');
DELETE FROM qrtz_blob_triggers WHERE trigger_group = 'orders' AND trigger_name IN ('import', 'export');
DELETE FROM qrtz_fired_triggers WHERE trigger_group = 'orders' AND trigger_name IN ('import', 'export');
DELETE FROM qrtz_triggers WHERE trigger_group = 'orders' AND trigger_name IN ('import', 'export');
DELETE FROM qrtz_job_details WHERE job_group = 'orders' AND job_name IN ('import', 'export');
