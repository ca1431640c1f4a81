package org.repcon.physics.burgers;

import ai.djl.ndarray.NDArray;
import org.repcon.derivatives.Coordinates;
import org.repcon.derivatives.Jet;
import org.repcon.nn.Scalars;

/**
 * The physical condition f(u) = 0 of viscous Burgers' equation, the residual a PINN drives to zero:
 * <pre>  f = u_t + u u_x - nu u_xx  </pre>
 * with inputs (t, x). Shapes: each derivative is [N, 1], and so is f. (The viscosity enters through
 * {@link Scalars#times}: {@code mul(number)} is unsafe under autograd in DJL.)
 */
public final class BurgersResidual {
    /** The coordinates and derivatives the residual needs: inputs (t, x), plus u_xx. */
    public static final Coordinates COORDINATES = Coordinates.of("t", "x").withSecond("x", "x");

    private BurgersResidual() {}

    /** f = u_t + u u_x - nu u_xx, from the jet of u at collocation points. */
    public static NDArray of(Jet u, double nu) {
        return u.d("t").add(u.value().mul(u.d("x"))).sub(Scalars.times(u.d2("x", "x"), nu));
    }
}
