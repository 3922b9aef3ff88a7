import keras
import tensorflow as tf

# Fit a single number c to the target 0 with plain SGD (gradient descent).
# Both losses are smallest at c = 0; c starts at 0.35.
target = tf.constant([[0.0]])


def descend(loss, learning_rate=0.5, steps=8):
    c = keras.Variable([[0.35]])
    sgd = keras.optimizers.SGD(learning_rate=learning_rate)
    values = []
    for _ in range(steps):
        # GradientTape records the computation, then gives dL/dc.
        with tf.GradientTape() as tape:
            value = loss(target, c)
        sgd.apply(tape.gradient(value, [c]), [c])
        values.append(float(c[0, 0]))
    return " ".join(f"{v:7.4f}" for v in values)


# c after each of the 8 steps, with a fixed learning rate of 0.5:
print("MAE:  ", descend(keras.losses.MeanAbsoluteError()))
#> MAE:   -0.1500  0.3500 -0.1500  0.3500 -0.1500  0.3500 -0.1500  0.3500
print("Huber:", descend(keras.losses.Huber(delta=1.0)))
#> Huber:  0.1750  0.0875  0.0437  0.0219  0.0109  0.0055  0.0027  0.0014
# MAE again, with a learning rate that halves after every step.
halving = keras.optimizers.schedules.ExponentialDecay(
    0.5, decay_steps=1, decay_rate=0.5
)
print("MAE, halving:", descend(keras.losses.MeanAbsoluteError(), halving))
#> MAE, halving: -0.1500  0.1000 -0.0250  0.0375  0.0062 -0.0094 -0.0016  0.0023
