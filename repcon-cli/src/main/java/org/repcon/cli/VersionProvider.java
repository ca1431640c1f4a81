package org.repcon.cli;

import org.repcon.engine.Engines;
import picocli.CommandLine;

/** Prints repcon's, DJL's and Java's versions. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"repcon " + Engines.repconVersion(), "DJL " + Engines.djlVersion(), "Java " + System.getProperty("java.version")};
    }
}
