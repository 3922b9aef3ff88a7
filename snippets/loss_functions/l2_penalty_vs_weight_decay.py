import keras
import tensorflow as tf

# One weight w = 2 with a data-loss gradient of 0.5, and lambda = 0.1.
# An L2 penalty (lambda / 2) * w² adds lambda * w to the gradient;
# weight_decay=lambda makes the optimizer shrink w by lr * lambda * w itself.
lam, lr, grad = 0.1, 0.1, tf.constant([0.5])


def one_step(optimizer, penalty):
    w = keras.Variable([2.0])
    optimizer.apply([grad + penalty * lam * w], [w])
    return w.numpy()[0]


for name, make in [
    ("SGD ", lambda **kw: keras.optimizers.SGD(learning_rate=lr, **kw)),
    ("Adam", lambda **kw: keras.optimizers.Adam(learning_rate=lr, **kw)),
]:
    with_penalty = one_step(make(), penalty=1.0)
    with_decay = one_step(make(weight_decay=lam), penalty=0.0)
    l2_text = f"L2 penalty -> w = {with_penalty:.6f}"
    decay_text = f"weight_decay -> w = {with_decay:.6f}"
    print(f"{name}: {l2_text}, {decay_text}")
    #> SGD : L2 penalty -> w = 1.930000, weight_decay -> w = 1.930000
    #> Adam: L2 penalty -> w = 1.900001, weight_decay -> w = 1.880001
