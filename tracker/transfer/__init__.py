"""Moving data in and out: watch-file parsers, imports (in the request or as a background
job), account exports and their restore, and the pages for them."""
