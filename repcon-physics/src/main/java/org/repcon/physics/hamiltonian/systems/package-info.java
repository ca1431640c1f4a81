/**
 * Data side of the Hamiltonian Neural Network experiment (Greydanus, Dzamba, Yosinski, NeurIPS 2019): the ideal
 * spring and pendulum ({@link org.repcon.physics.hamiltonian.systems.IdealSpring},
 * {@link org.repcon.physics.hamiltonian.systems.IdealPendulum}), their noisy trajectory datasets
 * ({@link org.repcon.physics.hamiltonian.systems.TrajectoryDataset}, integrated with the
 * {@link org.repcon.physics.integrators} package) and the long-horizon energy
 * evaluation ({@link org.repcon.physics.hamiltonian.systems.EnergyEvaluation}).
 *
 * <p>Settings follow the paper's public code (greydanus/hamiltonian-nn, {@code experiment-spring/data.py},
 * {@code experiment-pend/data.py}, {@code analyze-spring.ipynb}, {@code analyze-pend.ipynb}); where the code and the
 * paper text differ (the Hamiltonians' scale), the code is followed and the difference is documented on the class.
 * Pure Java, no engine dependency.
 */
package org.repcon.physics.hamiltonian.systems;
