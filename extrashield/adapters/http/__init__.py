"""What the HTTP API (adapters/api) and the web pages (adapters/web) share: reading query parameters and
bodies (inputs.py), the 422 problem format and the error handlers (problems.py), what wraps every request
(middleware.py: request ids, body limits, security headers), reads of personal data logged first
(logged_reads.py). Neither the API nor the pages are imported here, so the pages need nothing
of the API's package and the API's app can mount them."""
