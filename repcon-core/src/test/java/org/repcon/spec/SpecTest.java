package org.repcon.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecTest {
    enum Optimizer { ADAM, L_BFGS, SGD }

    private static Spec parse(String yaml) {
        return SpecLoader.parse(yaml, "test.yaml");
    }

    @Test
    void unknownKeyNamesPathAndExpectedKeys() {
        Spec spec = parse("""
                network:
                  width: 32
                  activaton: tanh
                """);
        Spec net = spec.getChild("network");
        net.getInt("width");
        net.getString("activation", "tanh");
        net.getIntList("hidden", List.of(20, 20));
        net.getString("init", "xavier");
        SpecException e = assertThrows(SpecException.class, spec::finish);
        assertEquals("network.activaton", e.path());
        assertEquals("spec error at network.activaton: unknown key (expected one of: activation, hidden, init, width)", e.getMessage());
    }

    @Test
    void unknownKeyInUnreadSectionAndTopLevel() {
        Spec spec = parse("seed: 1\nnetwork: {width: 3}\n");
        spec.getInt("seed");
        SpecException e = assertThrows(SpecException.class, spec::finish);
        assertEquals("spec error at network: unknown key (expected one of: seed)", e.getMessage());

        Spec empty = parse("a: 1\n");
        empty.getChildOrEmpty("sub").finish();
        assertEquals("spec error at a: unknown key (expected one of: sub)", assertThrows(SpecException.class, empty::finish).getMessage());
        Spec noKeys = parse("sub: {x: 1}\n");
        noKeys.getChildOrEmpty("sub");
        assertTrue(assertThrows(SpecException.class, noKeys::finish).getMessage().contains("sub.x: unknown key (this section takes no keys)"));
    }

    @Test
    void finishPassesWhenEverythingRead() {
        Spec spec = parse("a: 1\nb: {c: x}\nnote: anything\n");
        spec.getInt("a");
        spec.getChild("b").getString("c");
        spec.ignore("note");
        spec.finish();
    }

    @Test
    void wrongTypesNamePathExpectedAndActual() {
        Spec spec = parse("""
                training:
                  stages:
                    - {lr: 1e-3, steps: 100}
                    - {lr: fast, steps: 200}
                name: 5
                flag: maybe
                net: [1, 2]
                """);
        List<Spec> stages = spec.getChild("training").getChildList("stages");
        assertEquals("training.stages[1]", stages.get(1).path());
        assertEquals(0.001, stages.get(0).getDouble("lr"));
        SpecException e = assertThrows(SpecException.class, () -> stages.get(1).getDouble("lr"));
        assertEquals("training.stages[1].lr", e.path());
        assertEquals("spec error at training.stages[1].lr: expected a number, got \"fast\"", e.getMessage());
        assertEquals("spec error at name: expected a string, got 5 (quote it to make it a string)",
                assertThrows(SpecException.class, () -> spec.getString("name")).getMessage());
        assertEquals("spec error at flag: expected a boolean, got \"maybe\"",
                assertThrows(SpecException.class, () -> spec.getBoolean("flag", false)).getMessage());
        assertEquals("spec error at net: expected a mapping, got a list",
                assertThrows(SpecException.class, () -> spec.getChild("net")).getMessage());
        assertEquals("spec error at training.stages[0].steps: expected a list of strings, got 100",
                assertThrows(SpecException.class, () -> stages.get(0).getStringList("steps")).getMessage());
        assertEquals("spec error at training.stages[0].lr: expected an integer, got 0.001",
                assertThrows(SpecException.class, () -> stages.get(0).getInt("lr")).getMessage());
    }

    @Test
    void childListElementsMustBeMappings() {
        Spec spec = parse("stages: [{lr: 1}, 3]\n");
        SpecException e = assertThrows(SpecException.class, () -> spec.getChildList("stages"));
        assertEquals("spec error at stages[1]: expected a mapping, got 3", e.getMessage());
    }

    @Test
    void listElementErrorsNameIndex() {
        Spec spec = parse("hidden: [20, x, 20]\n");
        assertEquals("spec error at hidden[1]: expected an integer, got \"x\"",
                assertThrows(SpecException.class, () -> spec.getIntList("hidden")).getMessage());
    }

    @Test
    void missingAndNullValues() {
        Spec spec = parse("lr:\nsection:\n");
        assertEquals("spec error at lr: expected a number, got null",
                assertThrows(SpecException.class, () -> spec.getDouble("lr", 0.1)).getMessage());
        assertEquals("spec error at width: missing required key (expected an integer)",
                assertThrows(SpecException.class, () -> spec.getInt("width")).getMessage());
        assertEquals("spec error at net: missing required key (expected a mapping)",
                assertThrows(SpecException.class, () -> spec.getChild("net")).getMessage());
        // an empty section means "all defaults"
        assertEquals(3, spec.getChildOrEmpty("section").getInt("k", 3));
        assertEquals(Map.of("k", 3L), spec.rawTree().get("section"));
    }

    @Test
    void doublesAcceptIntsAndNumericStrings() {
        Spec spec = parse("a: 1e-3\nb: \"1e-3\"\nc: 2\nd: 1.0e-3\ne: '-2.5E+2'\nf: .inf\n");
        assertEquals(1e-3, spec.getDouble("a"));
        assertEquals(1e-3, spec.getDouble("b"));
        assertEquals(2.0, spec.getDouble("c"));
        assertEquals(1e-3, spec.getDouble("d"));
        assertEquals(-250.0, spec.getDouble("e"));
        assertEquals(Double.POSITIVE_INFINITY, spec.getDouble("f"));
        assertEquals(1e-3, spec.rawTree().get("b"), "coerced value written back as a number");
        assertEquals(List.of(1e-3, 2.0), parse("x: [1e-3, 2]").getDoubleList("x"));
    }

    @Test
    void integersAcceptIntegralForms() {
        Spec spec = parse("a: 1e4\nb: 10000000000\nc: 2.5\n");
        assertEquals(10000, spec.getInt("a"));
        assertEquals(10_000_000_000L, spec.getLong("b"));
        assertEquals("spec error at b: expected an integer in [-2147483648, 2147483647], got 10000000000",
                assertThrows(SpecException.class, () -> spec.getInt("b")).getMessage());
        assertThrows(SpecException.class, () -> spec.getInt("c"));
    }

    @Test
    void rangeChecksNameTheRange() {
        Spec spec = parse("lr: -1\nwidth: 0\nfrac: 1.5\nsteps: 0\n");
        assertEquals("spec error at lr: expected a number > 0, got -1",
                assertThrows(SpecException.class, () -> spec.getPositiveDouble("lr", 1e-3)).getMessage());
        assertEquals("spec error at width: expected an integer in [1, 1024], got 0",
                assertThrows(SpecException.class, () -> spec.getInt("width", 32, 1, 1024)).getMessage());
        assertEquals("spec error at frac: expected a number in [0, 1], got 1.5",
                assertThrows(SpecException.class, () -> spec.getDouble("frac", 0.5, 0, 1)).getMessage());
        assertEquals("spec error at steps: expected an integer >= 1, got 0",
                assertThrows(SpecException.class, () -> spec.getPositiveInt("steps", 10)).getMessage());
        assertEquals(7, spec.getInt("absent", 7, 1, 10));
    }

    @Test
    void enumsAreCaseAndSeparatorTolerantAndListAllowedValues() {
        Spec spec = parse("a: Adam\nb: l-bfgs\nc: L_BFGS\nd: newton\n");
        assertEquals(Optimizer.ADAM, spec.getEnum("a", Optimizer.class));
        assertEquals(Optimizer.L_BFGS, spec.getEnum("b", Optimizer.class, Optimizer.SGD));
        assertEquals(Optimizer.L_BFGS, spec.getEnum("c", Optimizer.class));
        SpecException e = assertThrows(SpecException.class, () -> spec.getEnum("d", Optimizer.class, Optimizer.ADAM));
        assertEquals("spec error at d: expected one of: adam, l_bfgs, sgd, got \"newton\"", e.getMessage());
        assertEquals(Optimizer.SGD, spec.getEnum("e", Optimizer.class, Optimizer.SGD));
        assertEquals("sgd", spec.rawTree().get("e"));
        assertEquals("l_bfgs", spec.rawTree().get("b"), "written back in canonical form");
    }

    @Test
    void childrenAreCachedSoConsumptionIsTracked() {
        Spec spec = parse("net: {w: 1}\nstages: [{a: 1}]\n");
        assertSame(spec.getChild("net"), spec.getChildOrEmpty("net"));
        assertSame(spec.getChildList("stages"), spec.getChildList("stages"));
        assertTrue(spec.has("net"));
        assertFalse(spec.has("other"));
        assertEquals(List.of("net", "stages"), List.copyOf(spec.keys()));
    }

    @Test
    void keysAreAlwaysStringsAndDatesStayStrings() {
        Spec spec = parse("on: 1\n2: two\ndate: 2024-01-01\n");
        assertEquals(List.of("on", "2", "date"), List.copyOf(spec.keys()));
        assertEquals("2024-01-01", spec.getString("date"));
        assertEquals("two", spec.getString("2"));
    }

    @Test
    void copyTreeGivesFreshIndependentSpec() {
        Spec spec = parse("a: {b: [1, 2]}\n");
        Spec copy = Spec.of(spec.copyTree());
        copy.getChild("a").getIntList("b");
        copy.finish();
        assertThrows(SpecException.class, spec::finish, "original spec is unaffected by reads on the copy");
        copy.getChild("a").rawTree().put("c", 1);
        assertFalse(spec.getChild("a").has("c"));
    }
}
