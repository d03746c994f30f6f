/// Placeholder until the tailor flow lands.
public enum TailorModule {}
