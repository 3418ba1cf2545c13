// almanac: small progressive enhancements; every page works without them.
