package org.stepdpo.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/** What this test JVM has loaded so far: classes (as {@code jcmd VM.class_hierarchy} lists them) and mapped files. */
final class JvmContents {

    private JvmContents() {
    }

    /** Every class loaded by any class loader, one per line, as the VM.class_hierarchy diagnostic command prints them. */
    static String loadedClasses() throws JMException {
        Object listing = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmClassHierarchy",
                new Object[]{new String[0]}, new String[]{String[].class.getName()});
        return listing.toString();
    }

    /** The files mapped into this process (shared libraries among them); Linux only. */
    static String mappedFiles() throws IOException {
        return Files.readString(Path.of("/proc/self/maps"));
    }
}
