/*
 * Prov av C-biblioteket från JVM genom JNA (Debian-paketet libjna-java), som källfilsprogram:
 *
 *     java -cp /usr/share/java/jna.jar -Djna.library.path=KATALOG Prov.java REGLER DATUM \
 *         [ÄRENDE.json FÖRVÄNTAT.json]...
 *
 * Varje ärende prövas och svaret jämförs byte för byte med det `riktlinjer eval --format json`
 * skrev; sedan samma handtag från åtta trådar samtidigt, och ett felaktigt ärende som blir en
 * statuskod med ett svenskt meddelande (.ci/run, steget ffi).
 */
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

public class Prov {
    /** C-bibliotekets funktioner; size_t är long på 64-bitarsplattformarna som prövas. */
    public interface Riktlinjer extends Library {
        int riktlinjer_load_path(String path, PointerByReference out);
        int riktlinjer_evaluate_json(Pointer tables, byte[] caseJson, long caseLen, String asOf,
                String version, PointerByReference out, long[] outLen);
        void riktlinjer_string_free(Pointer text);
        void riktlinjer_tables_free(Pointer tables);
        Pointer riktlinjer_last_error();
    }

    static int passed = 0;
    static int failed = 0;

    static void check(boolean ok, String what) {
        if (ok) {
            passed++;
        } else {
            failed++;
            System.err.println("FEL: " + what);
        }
    }

    /** Prövar ett ärende: svaret som byte, eller null och felet i error[0]. */
    static byte[] evaluate(Riktlinjer lib, Pointer tables, byte[] caseJson, String asOf, String[] error) {
        PointerByReference out = new PointerByReference();
        long[] outLen = new long[1];
        int status = lib.riktlinjer_evaluate_json(tables, caseJson, caseJson.length, asOf, null, out, outLen);
        if (status != 0) {
            error[0] = status + ": " + lib.riktlinjer_last_error().getString(0, "UTF-8");
            return null;
        }
        byte[] answer = out.getValue().getByteArray(0, (int) outLen[0]);
        lib.riktlinjer_string_free(out.getValue());
        return answer;
    }

    public static void main(String[] args) throws Exception {
        Riktlinjer lib = Native.load("riktlinjer_ffi", Riktlinjer.class);
        PointerByReference handle = new PointerByReference();
        check(lib.riktlinjer_load_path(args[0], handle) == 0, "riktlinjen läses in");
        Pointer tables = handle.getValue();
        String asOf = args[1];
        List<byte[][]> cases = new ArrayList<>();
        for (int arg = 2; arg + 1 < args.length; arg += 2) {
            byte[] caseJson = Files.readAllBytes(Path.of(args[arg]));
            byte[] expected = Files.readAllBytes(Path.of(args[arg + 1]));
            String[] error = new String[1];
            byte[] answer = evaluate(lib, tables, caseJson, asOf, error);
            check(Arrays.equals(answer, expected), args[arg] + ": samma svar som riktlinjer eval --format json " + error[0]);
            cases.add(new byte[][] {caseJson, expected});
        }

        AtomicInteger equal = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread thread = new Thread(() -> {
                for (int round = 0; round < 20; round++) {
                    for (byte[][] pair : cases) {
                        if (Arrays.equals(evaluate(lib, tables, pair[0], asOf, new String[1]), pair[1])) {
                            equal.incrementAndGet();
                        }
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        check(equal.get() == 8 * 20 * cases.size(), "samma svar i åtta trådar");

        String[] error = new String[1];
        byte[] secret = "{\"schema_version\": 1, \"person\": {\"fodelsedatum\": \"19410512-1248\"}}"
                .getBytes(StandardCharsets.UTF_8);
        check(evaluate(lib, tables, secret, asOf, error) == null, "ett felaktigt ärende ger inget svar");
        check(error[0].startsWith("6: ärendet: ") && error[0].contains("/person/fodelsedatum")
                && !error[0].contains("1248"), error[0]);
        lib.riktlinjer_tables_free(tables);

        System.out.println("jvm: " + passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
