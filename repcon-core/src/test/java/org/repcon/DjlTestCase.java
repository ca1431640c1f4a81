package org.repcon;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.repcon.engine.Engines;

/** Base of tests that use DJL: starts the engine with one thread and gives each test its own manager. */
public abstract class DjlTestCase {
    protected NDManager manager;

    @BeforeAll
    static void engine() {
        Engines.start(1);
    }

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }
}
