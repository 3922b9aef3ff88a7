import warnings

import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)

# The made-up data of the Sequential example: 3 features, two yes/no targets.
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 3)).astype("float32")
y = np.stack([x[:, 0] + x[:, 1] > 0, x[:, 2] > 0], axis=1).astype("float32")
x_train, y_train = x[:48], y[:48]
x_test, y_test = x[48:], y[48:]


# register + get_config: the two things load_model needs.
@keras.saving.register_keras_serializable()
class Scorer(keras.Model):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.hidden = layers.Dense(units, activation="relu")
        self.out = layers.Dense(2, activation="sigmoid")

    def call(self, inputs):
        return self.out(self.hidden(inputs))

    def get_config(self):
        return {**super().get_config(), "units": self.units}


model = Scorer(units=8)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.05),
    loss="binary_crossentropy",
    metrics=["binary_accuracy"],
)
history = model.fit(x_train, y_train, epochs=5, batch_size=8, verbose=0)
print([round(loss, 3) for loss in history.history["loss"]])
#> [0.617, 0.379, 0.25, 0.155, 0.111]
print(model.count_params())
#> 50
results = model.evaluate(x_test, y_test, verbose=0, return_dict=True)
print({name: round(value, 3) for name, value in results.items()})
#> {'binary_accuracy': 0.906, 'loss': 0.291}

# NumPy 2's warning, see #sequential-train-save
with warnings.catch_warnings():
    message = "__array__ implementation"  # only this DeprecationWarning
    warnings.filterwarnings("ignore", message, DeprecationWarning)
    model.save("scorer.keras")

loaded = keras.models.load_model("scorer.keras")
print(type(loaded).__name__, loaded.units)
#> Scorer 8
print(np.array_equal(model(x_test), loaded(x_test)))
#> True
