namespace TokenLab.Emulator; public static class Program { public static void Main() { } }
