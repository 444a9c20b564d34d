package com.collectwise.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DefaultCacheFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionManager;
import org.junit.jupiter.api.Test;

/** The plugin's wiring without an engine (LatestVersionMemoTest runs engines). */
class LatestVersionMemoPluginTest {

    @Test
    void withATimeToLiveTheMemoGoesInFrontOfTheCacheTheEngineBuilt() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        LatestVersionMemoPlugin plugin = new LatestVersionMemoPlugin(Duration.ofSeconds(5), System::nanoTime);
        plugin.preInit(configuration);
        assertThat(configuration.getHistoryEventProducer())
            .isInstanceOf(LatestVersionMemoPlugin.DeployedDefinitions.class);
        DeploymentCache camunda = new DeploymentCache(new DefaultCacheFactory(), 10);
        configuration.setDeploymentCache(camunda); // as initDeployers leaves it
        configuration.setSessionFactories(new HashMap<>()); // as initSessionFactories leaves them
        plugin.postInit(configuration);
        assertThat(configuration.getDeploymentCache()).isInstanceOfSatisfying(LatestVersionMemo.class,
            memo -> assertThat(memo.camunda()).isSameAs(camunda));
        assertThat(configuration.getSessionFactories().get(ProcessDefinitionManager.class))
            .isInstanceOf(LatestVersionMemoPlugin.Managers.class);
        plugin.postInit(configuration); // twice: still one memo
        assertThat(((LatestVersionMemo) configuration.getDeploymentCache()).camunda()).isSameAs(camunda);
    }

    @Test
    void noTimeToLiveLeavesCamundasCacheAndHistoryProducerAlone() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        LatestVersionMemoPlugin plugin = new LatestVersionMemoPlugin(Duration.ZERO, System::nanoTime);
        plugin.preInit(configuration);
        assertThat(configuration.getHistoryEventProducer()).isNull();
        DeploymentCache camunda = new DeploymentCache(new DefaultCacheFactory(), 10);
        configuration.setDeploymentCache(camunda);
        plugin.postInit(configuration);
        assertThat(configuration.getDeploymentCache()).isSameAs(camunda);
    }

    /** A method Camunda adds to its cache in a later version must be handed to Camunda's too: fails until it is. */
    @Test
    void everyPublicMethodOfCamundasCacheIsHandedOnOrAnswered() throws Exception {
        List<String> inherited = new ArrayList<>();
        for (Method method : DeploymentCache.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
                Method ours = LatestVersionMemo.class.getMethod(method.getName(), method.getParameterTypes());
                if (ours.getDeclaringClass() != LatestVersionMemo.class) {
                    inherited.add(method.toString());
                }
            }
        }
        assertThat(inherited).isEmpty();
    }
}
