/**
 * Numerical integrators for batched autonomous ODEs {@code dx/dt = f(x)} ({@link org.repcon.physics.integrators.VectorField}):
 * a fixed-step RK4 ({@link org.repcon.physics.integrators.Rk4}) for rollouts of a learned field and an adaptive
 * Dormand-Prince 5(4) ({@link org.repcon.physics.integrators.DormandPrince45}) for reference solutions. Independent of
 * any particular system; pure Java, no engine dependency.
 */
package org.repcon.physics.integrators;
