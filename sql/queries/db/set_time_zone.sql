-- Timestamps are rendered in the shop's zone; set_config binds the value, unlike SET.
SELECT set_config('TimeZone', :zone, false)
