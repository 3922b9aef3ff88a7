import json
import warnings
import zipfile

import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)

# The made-up data of the Sequential example.
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 3)).astype("float32")
y = np.stack([x[:, 0] + x[:, 1] > 0, x[:, 2] > 0], axis=1).astype("float32")
x_train, y_train = x[:48], y[:48]
x_test, y_test = x[48:], y[48:]


# Registered, so that load_model can find the class by its name.
@keras.saving.register_keras_serializable()
class MyModel(keras.Model):
    def __init__(self, hidden, **kwargs):
        super().__init__(**kwargs)
        self.hidden = hidden
        self.layer1 = layers.Dense(
            hidden,
            activation="relu",
            kernel_initializer="he_normal",
            name="layer1",
        )
        self.layer2 = layers.Dense(
            2, activation="relu", kernel_initializer="he_normal", name="layer2"
        )
        self.layer3 = layers.Dense(
            2,
            activation="sigmoid",
            kernel_initializer="he_normal",
            name="layer3",
        )

    def call(self, inputs):
        x = self.layer1(inputs)
        x = self.layer2(x)
        return self.layer3(x)

    # The arguments of __init__, so that load_model can call it again.
    def get_config(self):
        return {**super().get_config(), "hidden": self.hidden}


model = MyModel(hidden=3, name="my_subclassed")
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.05),
    loss="binary_crossentropy",
    metrics=["binary_accuracy"],
)
history = model.fit(x_train, y_train, epochs=10, batch_size=8, verbose=0)
print([round(loss, 3) for loss in history.history["loss"]])
#> [0.598, 0.518, 0.48, 0.465, 0.445, 0.421, 0.394, 0.362, 0.312, 0.272]

results = model.evaluate(x_test, y_test, verbose=0, return_dict=True)
print({name: round(value, 3) for name, value in results.items()})
#> {'binary_accuracy': 0.875, 'loss': 0.443}

print(model.get_config()["hidden"], keras.saving.get_registered_name(MyModel))
#> 3 Custom>MyModel

# NumPy 2's warning, see #sequential-train-save
with warnings.catch_warnings():
    message = "__array__ implementation"  # only this DeprecationWarning
    warnings.filterwarnings("ignore", message, DeprecationWarning)
    model.save("my_subclassed.keras")

# The archive's config.json: the class, its registered name and the
# arguments get_config returned; no layers and no code.
with zipfile.ZipFile("my_subclassed.keras") as archive:
    config = json.loads(archive.read("config.json"))
print(config["class_name"], config["registered_name"])
#> MyModel Custom>MyModel
print(sorted(config["config"]), config["config"]["hidden"])
#> ['dtype', 'hidden', 'name', 'trainable'] 3

# load_model finds MyModel under its registered name and creates it again
# with the arguments get_config returned, then loads the weights.
loaded = keras.models.load_model("my_subclassed.keras")
print(type(loaded).__name__, loaded.name, loaded.hidden)
#> MyModel my_subclassed 3
# Calling a model on a batch gives its predictions (predict() gives them
# too; compare those with a tolerance, see #functional-train-save).
before = model(x_test)
after = loaded(x_test)
print(np.array_equal(before, after))
#> True
print(loaded.evaluate(x_test, y_test, verbose=0, return_dict=True) == results)
#> True
