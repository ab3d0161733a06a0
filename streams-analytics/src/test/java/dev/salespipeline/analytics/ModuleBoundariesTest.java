package dev.salespipeline.analytics;

import org.junit.jupiter.api.Test;

import dev.salespipeline.testsupport.ModuleBoundaries;

class ModuleBoundariesTest {

    @Test
    void dependsOnNoOtherServiceModule() {
        ModuleBoundaries.assertIndependentService("dev.salespipeline.analytics");
    }
}
