/// Placeholder until the providers land.
public enum ProvidersModule {}
