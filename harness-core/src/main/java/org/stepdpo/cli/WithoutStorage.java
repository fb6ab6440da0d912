package org.stepdpo.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a command that neither reads nor writes stored runs. The application then starts with its datasources,
 * persistence units and migrations inactive ({@link LaunchPlan}): no database is opened or migrated for it,
 * which saves a good part of the start-up. A command that stores anything must not carry this mark.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WithoutStorage {
}
