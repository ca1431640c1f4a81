package org.repcon.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverridesTest {
    private static Spec spec() {
        return SpecLoader.parse("""
                seed: 1
                network: {width: 32, hidden: [10]}
                training:
                  stages:
                    - {lr: 1e-2, steps: 100}
                    - {lr: 1e-3, steps: 200}
                """, "exp.yaml");
    }

    @Test
    void dottedPathsIndicesAndYamlValues() {
        Spec spec = spec();
        Overrides.apply(spec, List.of("seed=7", "network.hidden=[20,20]", "training.stages[1].steps=500",
                "training.stages.0.lr=5e-4", "network.init.kind=xavier", "name = run a"));
        assertEquals(7, spec.getInt("seed"));
        Spec net = spec.getChild("network");
        assertEquals(List.of(20, 20), net.getIntList("hidden"));
        assertEquals("xavier", net.getChild("init").getString("kind"));
        List<Spec> stages = spec.getChild("training").getChildList("stages");
        assertEquals(500, stages.get(1).getInt("steps"));
        assertEquals(5e-4, stages.get(0).getDouble("lr"));
        assertEquals("run a", spec.getString("name"));
        assertEquals(Map.of("kind", "xavier"), net.rawTree().get("init"));
    }

    @Test
    void errorsNameThePath() {
        assertEquals("spec error at training.stages[2]: index out of range (the list has 2 elements)",
                assertThrows(SpecException.class, () -> Overrides.apply(spec(), List.of("training.stages[2].lr=1"))).getMessage());
        assertEquals("spec error at seed: cannot set seed.x: the value here is 1, not a mapping or list",
                assertThrows(SpecException.class, () -> Overrides.apply(spec(), List.of("seed.x=1"))).getMessage());
        assertEquals("spec error at network: cannot apply index [0] from --set network[0]: this is a mapping, not a list",
                assertThrows(SpecException.class, () -> Overrides.apply(spec(), List.of("network[0]=1"))).getMessage());
        assertEquals("spec error at training.stages: cannot look up key 'lr' from --set training.stages.lr: this is a list, use an index",
                assertThrows(SpecException.class, () -> Overrides.apply(spec(), List.of("training.stages.lr=1"))).getMessage());
        assertEquals("spec error at other: cannot index into a missing list (--set other[0].x)",
                assertThrows(SpecException.class, () -> Overrides.apply(spec(), List.of("other[0].x=1"))).getMessage());
    }

    @Test
    void malformedAssignments() {
        assertEquals("spec error: invalid --set 'seed': expected key=value, e.g. training.lr=1e-3",
                assertThrows(SpecException.class, () -> Overrides.apply(spec(), List.of("seed"))).getMessage());
        assertEquals("spec error: invalid --set 'a..b=1': bad key path 'a..b'",
                assertThrows(SpecException.class, () -> Overrides.apply(spec(), List.of("a..b=1"))).getMessage());
        SpecException e = assertThrows(SpecException.class, () -> Overrides.apply(spec(), List.of("network.hidden=[1,2")));
        assertEquals("network.hidden", e.path());
        assertEquals(true, e.getMessage().startsWith("spec error at network.hidden: invalid --set value '[1,2': "), e.getMessage());
    }
}
