"""Multi-process test harness: local registries, a token server, certificates, CLI runners."""
