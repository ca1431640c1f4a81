package org.repcon.training;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Extra state that a checkpoint must carry for a resumed run to continue exactly (e.g. a data shuffler's RNG). */
public interface Stateful {
    void writeState(DataOutput out) throws IOException;

    void readState(DataInput in) throws IOException;
}
